"""The fault-injection suite: hostile sites on 127.0.0.1, crawled as a user would."""
