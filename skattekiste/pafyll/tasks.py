"""The weekly e-mail as a Django task, for a background worker (README, «Påfyll i produksjon»).

Without a TASKS setting Django runs a task at once, in the process that enqueues it; with a
database backend a worker runs it. The digest is idempotent either way.
"""

from django.tasks import task

from skattekiste.pafyll.digest import send_digest


@task
def send_pafyll() -> int:
    return send_digest()
