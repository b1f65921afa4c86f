"""eventgold.corpus"""
