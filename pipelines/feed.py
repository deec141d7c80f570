"""Feed: what leaves the pipelines for Scrapy's feed exports (``scrapy crawl … -o x.jsonl``).

The pipelines carry the raw response (bytes, headers, decoded HTML) up to the store; a feed
wants the documents. This last stage hands on the page's URL, site, fetch time and documents
(title, text, dates, report fields), and nothing of the raw page.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from itemadapter import ItemAdapter


class FeedPipeline:
    """Replace the page item by its documents: ``{url, site, fetched_at, documents: [...]}``."""

    def process_item(self, item: object) -> dict[str, Any]:
        page = ItemAdapter(item)
        return {
            "url": page["url"], "site": page["site"], "fetched_at": page["fetched_at"],
            "documents": [asdict(draft) for draft in page["drafts"]],
        }
