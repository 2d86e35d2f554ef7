"""The vector tiles of one layer version for the portal's maps: read through the access gate
like the version's downloads (a candidate version only by the people of the workflow), drawn
once per version and kept under its checksum."""

from django.http import Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from satudata.apps.geo import ogc, tiles
from satudata.apps.portal import queries
from satudata.apps.portal.views.common import record_tertutup_read
from satudata.platform import access


@require_GET
def version_tile(
    request: HttpRequest, slug: str, number: int, z: int, x: int, y: int
) -> HttpResponse:
    viewer = access.viewer_of(request)
    dataset = access.get_dataset_or_404(viewer, slug=slug)
    version = queries.visible_version(viewer, dataset, number)
    if version is None or not version.is_layer:
        raise Http404
    if not (tiles.MIN_ZOOM <= z <= tiles.MAX_ZOOM and x < 2**z and y < 2**z):
        raise Http404
    record_tertutup_read(request, dataset, "tile", version=number)
    columns = [f["name"] for f in version.fields]
    data = tiles.layer_tile(
        version.geo["path"], version.geo["checksum"], dataset.slug, columns, z, x, y
    )
    if not data:
        return HttpResponse(status=204)
    response = HttpResponse(data, content_type=ogc.MVT)
    public = dataset.access_level == "terbuka" and dataset.published_version_id == version.pk
    response["Cache-Control"] = f"{'public' if public else 'private'}, max-age=3600"
    return response
