"""Two-factor authentication (django-otp): services, views and the middleware that
asks for the second factor before any page."""
