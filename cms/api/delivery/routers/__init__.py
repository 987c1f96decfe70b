"""One router per resource of the Delivery API."""
