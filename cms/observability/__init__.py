"""
Running in production: health and readiness probes, Prometheus metrics and
structured JSON logs with a request id on every line.
"""
