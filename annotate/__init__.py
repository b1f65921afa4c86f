"""eventgold.annotate"""
