"""How pages appear in the crawl's log: by URL, never with their body.

Scrapy's log formatter writes an item whole when it is scraped, dropped or fails in a pipeline:
a dropped 32 MB page wrote ~90 MB of log. Here a page is its URL, and a drop is one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from itemadapter import ItemAdapter
from scrapy.logformatter import LogFormatter, LogFormatterResult

if TYPE_CHECKING:
    from scrapy import Spider
    from scrapy.http import Response
    from twisted.python.failure import Failure


def item_url(item: Any) -> str:
    """What names an item in a log line: its page's URL (its type when it has none)."""
    adapter = ItemAdapter(item)
    return str(adapter.get("url") or type(item).__name__)


class PageLogFormatter(LogFormatter):
    """Scrapy's messages, with each item written as its URL."""

    def dropped(self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        """``dropped URL: reason``, one line."""
        result = super().dropped(item, exception, response, spider)
        return {**result, "msg": "dropped %(url)s: %(reason)s", "args": {"url": item_url(item), "reason": exception}}

    def item_error(self, item: Any, exception: BaseException, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        result = super().item_error(item, exception, response, spider)
        return {**result, "msg": "error processing %(url)s", "args": {"url": item_url(item)}}

    def scraped(self, item: Any, response: Response | Failure | None, spider: Spider) -> LogFormatterResult:
        result = super().scraped(item, response, spider)
        args = result["args"]
        return {**result, "args": {**args, "item": item_url(item)} if isinstance(args, dict) else args}
