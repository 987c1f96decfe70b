"""
Protection for the public surface: request rate limits, login and token
throttling, security headers and a clean 503 while the database is away.
"""
