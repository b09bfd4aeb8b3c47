"""The test suite's one Hypothesis profile, for the tests and the doctests alike.

Machines running the suite are shared and often loaded: nothing that load can trip is left on.
A deadline measures the machine, not the code, and the ``too_slow`` health check times input
generation, which a busy core slows as much as a slow strategy. Every other health check stays
on: they find strategies that filter or draw too much, which load does not change.
"""

from hypothesis import HealthCheck, settings

settings.register_profile(
    "referentiel", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile("referentiel")
