"""Relais desktop application: case records for the reception of people displaced from Ukraine."""

__version__ = "0.1.0"
