"""The Delivery API's response shapes, as they appear in its OpenAPI document."""
