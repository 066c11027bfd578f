"""The partner directory's screens: the directory itself (Cases → Partner services) and the
case window's "Choose a partner…", both built on one browser (filters, list, details)."""
