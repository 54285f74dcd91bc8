"""Stage functions: each takes a session and an article id, does one stage's
work, commits a compare-and-set stage transition, and says what comes next.
Celery tasks and the embedded runner call these and nothing deeper."""
