"""The load of `make last`: logged-in employees browsing, searching and reading.

The orchestrator (ytelse.last) writes a plan as JSON and names it in LAST_PLAN: the paths
per page type, taken from the database, the weight of each type and the session cookies
of the test employee. Every request is named by its page type, so locust's CSV reports
each type on its own row. With LAST_CEILING=1 the users fetch one static file only.
"""

import itertools
import json
import os
import random

from locust import HttpUser, between, constant, events, task

from skattekiste.ytelse.last_vakt import NotLocalHost, ensure_local_host

PLAN = json.loads(open(os.environ["LAST_PLAN"], encoding="utf-8").read())  # noqa: SIM115
CEILING = os.environ.get("LAST_CEILING") == "1"
_sessions = itertools.cycle(PLAN["sessions"])


@events.init.add_listener
def refuse_other_hosts(environment, **kwargs):
    # Locust only logs an exception from a listener; SystemExit ends the run before any load.
    try:
        ensure_local_host(environment.host or "")
    except NotLocalHost as error:
        raise SystemExit(str(error)) from None


class Ansatt(HttpUser):
    # Think time between pages; none when measuring the ceiling.
    wait_time = constant(0) if CEILING else between(*PLAN["think_seconds"])

    def on_start(self):
        # The cookie is sent by hand: Django marks it Secure, and the run is plain http.
        self.client.headers["Cookie"] = f"{PLAN['cookie_name']}={next(_sessions)}"
        self.page_types = list(PLAN["pages"])
        self.weights = [PLAN["weights"][name] for name in self.page_types]

    @task
    def browse(self):
        if CEILING:
            name, paths = "statisk fil", [PLAN["static"]]
        else:
            name = random.choices(self.page_types, self.weights)[0]
            paths = PLAN["pages"][name]
        with self.client.get(
            random.choice(paths), name=name, allow_redirects=False, catch_response=True
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
