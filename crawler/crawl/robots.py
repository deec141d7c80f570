"""robots.txt for every request, however many wait for the host's robots.txt at once.

Scrapy's `RobotsTxtMiddleware` (2.19) lets each request that arrives while a host's robots.txt
is being fetched await one shared Deferred. Awaiting a Deferred adds a callback that returns
None, so the first waiter gets the parser and every later one gets None, which the middleware
reads as "no robots.txt: allowed". A crawl rarely has more than one request waiting there; a
resumed crawl releases all its pending requests at once, and fetched what robots.txt forbids
(``/oldsite/``, ``/test/``). Here each waiter gets its own Deferred, fed from the shared one.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scrapy.downloadermiddlewares.robotstxt import RobotsTxtMiddleware as ScrapyRobotsTxtMiddleware
from scrapy.utils.defer import maybe_deferred_to_future
from scrapy.utils.httpobj import urlparse_cached
from twisted.internet.defer import Deferred

if TYPE_CHECKING:
    from scrapy import Request
    from scrapy.robotstxt import RobotParser


class RobotsTxtMiddleware(ScrapyRobotsTxtMiddleware):
    """Scrapy's robots.txt middleware, giving the parser to every request that waited for it."""

    async def robot_parser(self, request: Request) -> RobotParser | None:
        pending = self._parsers.get(urlparse_cached(request).netloc)
        if not isinstance(pending, Deferred):
            return await super().robot_parser(request)
        waiter: Deferred[RobotParser | None] = Deferred()

        def relay(result: RobotParser | None) -> RobotParser | None:
            waiter.callback(result)
            return result  # passed on to the next waiter's relay

        pending.addBoth(relay)
        return await maybe_deferred_to_future(waiter)
