"""eventgold.eval"""
