"""Widgets, list models and the controller that wires them to the services."""
