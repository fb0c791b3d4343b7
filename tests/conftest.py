"""Settings for the whole suite."""

from hypothesis import settings

# Two cores shared with renders: a property's examples may take longer than Hypothesis's default
# 200 ms deadline without anything being wrong, so time is not a failure here (make test has its own budget).
settings.register_profile("shared-cores", deadline=None)
settings.load_profile("shared-cores")
