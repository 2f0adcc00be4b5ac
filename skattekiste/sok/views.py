"""Search: /sok/ for people, /api/sok/ for the analysts' own tools.

The search itself is in this package, one module per job (see __init__.py).
"""

from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from skattekiste.sok.candidates import search
from skattekiste.sok.query import parse_query
from skattekiste.sok.snippets import add_snippets
from skattekiste.sok.suggestions import starting_points
from skattekiste.sok.types import TYPES_BY_KEY

PAGE_SIZE = 20
# <, > and & as \u escapes: the JSON can never be read as HTML, whatever was searched for.
_JSON_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


class SafeJSONEncoder(DjangoJSONEncoder):
    def encode(self, o):
        return super().encode(o).translate(_JSON_ESCAPES)


def _search_page(request):
    query = parse_query(request.GET.get("q", ""))
    selected = request.GET.get("type")
    if selected not in TYPES_BY_KEY:
        selected = None
    result = search(query)
    page = Paginator(result.hits_of(selected), PAGE_SIZE).get_page(request.GET.get("page"))
    add_snippets(page.object_list, query, any_word=result.any_word)
    return query, selected, result, page


@require_GET
def sok(request):
    query, selected, result, page = _search_page(request)
    context = {
        "query": query,
        "result": result,
        "page": page,
        "selected": TYPES_BY_KEY.get(selected),
    }
    if query.useless or not result.hits:
        context.update(starting_points())
    return render(request, "sok/sok.html", context)


@login_not_required
@require_GET
def sok_api(request):
    # Checked here, not by the middleware: a tool gets a 401 in JSON, not a login page.
    if not request.user.is_authenticated:
        return JsonResponse(
            {"error": "Du må være logget inn for å søke."}, status=401, encoder=SafeJSONEncoder
        )
    query, _, result, page = _search_page(request)
    return JsonResponse(
        {
            "query": query.text,
            "total": result.total,
            "results": [
                {
                    "type": hit.type.key,
                    "title": hit.display_title,
                    "url": request.build_absolute_uri(hit.url),
                    "snippet": hit.snippet_text,
                }
                for hit in page.object_list
            ],
            "tags": [
                {
                    "type": tag.kind.key,
                    "title": f"{tag.kind.label}: {tag.name}",
                    "count": tag.display_count,
                    "url": request.build_absolute_uri(tag.url),
                }
                for tag in result.tags
            ],
        },
        encoder=SafeJSONEncoder,
        json_dumps_params={"ensure_ascii": False},
    )
