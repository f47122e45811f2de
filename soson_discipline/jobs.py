"""The one way the app runs work in the background (issue 26).

- `in_background(size)`: whether work of `size` records goes to a worker (above `BACKGROUND_FROM`), the
  one threshold;
- `enqueue`: `method(**kwargs)` on a queue, once at a time per job id (a second start while the first
  runs is dropped, or refused with a message when the user started it); while tests run, at once;
- `start`: what a user's button starts (desk users, roles, employees): on the "long" queue for large
  work, the "default" one otherwise, refused while the same job runs;
- `report_progress` / `notify_done`: the progress bar, and the message to whoever started the job.

Test runs are the only place the app's production code asks whether it runs under tests, and this is
it: a job runs at once there, so a test sees its result.
"""

import frappe
from frappe import _

BACKGROUND_FROM = 50
"""Work on more records than this goes to a background worker (fewer are done while the user waits)."""
JOB_DONE_EVENT = "soson_discipline_job_done"
"""Realtime event telling the user who started a job what it did (cadre_list.js shows it)."""


def in_background(size: int, threshold: int = BACKGROUND_FROM) -> bool:
	"""Whether work on `size` records goes to a background worker."""
	return size > threshold and not frappe.flags.in_test


def enqueue(
	method, *, job_id: str | None, queue: str = "long", timeout: int = 3600, refuse_duplicate=False, **kwargs
):
	"""Run `method(**kwargs)` on `queue`, once at a time per `job_id` (of this site; None: no limit); at
	once while tests run. Returns the job (None when one with that id is already queued or running),
	or the method's result when it ran at once."""
	now = bool(frappe.flags.in_test)
	once = {"job_id": f"soson-{job_id}-{frappe.local.site}", "deduplicate": not now} if job_id else {}
	job = frappe.enqueue(method, queue=queue, timeout=timeout, now=now, **once, **kwargs)
	if job is None and not now and refuse_duplicate:
		frappe.throw(_("This is already running in the background; wait for it to finish."))
	return job


def start(method: str, size: int, job_id: str | None = None, **kwargs) -> dict:
	"""What a user's button starts: on the "long" queue for large work, else "default"; refused while
	the same job runs. Returns {"queued": True, "size": n}, or {"queued": False, "result": ...} when it
	ran at once (tests)."""
	queue = "long" if size > BACKGROUND_FROM else "default"
	result = enqueue(
		method,
		job_id=job_id,
		queue=queue,
		timeout=max(600, 3 * size),
		refuse_duplicate=True,
		**kwargs,
	)
	if frappe.flags.in_test:
		return {"queued": False, "result": result}
	return {"queued": True, "size": size}


def may_commit() -> bool:
	"""Whether long work commits batch by batch (so a worker that dies loses only its batch); under
	tests the test's own transaction holds everything and is rolled back."""
	return not frappe.flags.in_test


def report_progress(done: int, total: int, title: str, description: str | None = None) -> None:
	if total:
		frappe.publish_progress(done * 100 / total, title=title, description=description)


def notify_done(title: str, result: dict) -> None:
	"""Tell the user who started a job what it did."""
	frappe.publish_realtime(
		JOB_DONE_EVENT, {"title": title, "result": result}, user=frappe.session.user, after_commit=True
	)
