"""Personal data: erasure on request and the retention job."""
