"""Stage 6, report: what the build found, for people (the console summary, reports/ as HTML, JSON
and JUnit) and for residents (the toegankelijkheidsverklaring, written from the measured outcome).
"""
