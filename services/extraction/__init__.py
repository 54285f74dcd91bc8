"""From cleaned article text to entities and violent-event mentions.

Kept free of any queue or storage code so the same functions serve the
``extract`` command, the enrich worker and the tests.
"""
