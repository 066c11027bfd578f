"""The directory of partner services' list format, shared by the desktop and the central."""
