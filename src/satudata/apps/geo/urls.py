from django.urls import path

from satudata.apps.geo import (
    csw_views,
    map_views,
    metadata_views,
    saved_views,
    style_views,
    views,
)

app_name = "geo"

urlpatterns = [
    path(
        "peta/<slug:slug>/<int:number>/<int:z>/<int:x>/<int:y>.mvt",
        map_views.version_tile,
        name="version_tile",
    ),
    path("peta/", saved_views.map_list, name="maps"),
    path("peta/<slug:slug>/", saved_views.map_page, name="map"),
    path("peta/<slug:slug>/sematkan/", saved_views.map_embed, name="map_embed"),
    path("kerja/peta/baru/", saved_views.map_edit, name="map_create"),
    path("kerja/peta/<slug:slug>/ubah/", saved_views.map_edit, name="map_edit"),
    path("peta/<slug:slug>/<int:number>/cari", style_views.version_search, name="version_search"),
    path("peta/dasar/<slug:slug>/cari", style_views.base_search, name="base_search"),
    path("kerja/dataset/<slug:slug>/gaya-peta/", style_views.edit, name="layer_style"),
    path("dataset/<slug:slug>/iso19139.xml", metadata_views.iso_xml, name="iso19139"),
    path(
        "kerja/dataset/<slug:slug>/metadata-geospasial/",
        metadata_views.edit,
        name="layer_metadata",
    ),
    path("csw", csw_views.endpoint, name="csw"),
    path("simpul/", metadata_views.node_status, name="node"),
    path("simpul.json", metadata_views.node_status, {"fmt": "json"}, name="node_json"),
    path("ogc/", views.landing, name="landing"),
    path("ogc/conformance", views.conformance, name="conformance"),
    path("ogc/api", views.api, name="openapi"),
    path("ogc/collections", views.collections, name="collections"),
    path("ogc/collections/katalog", views.records_collection, name="records"),
    path("ogc/collections/katalog/items", views.record_items, name="record_items"),
    path("ogc/collections/katalog/items/<slug:slug>", views.record_item, name="record_item"),
    path("ogc/collections/<slug:slug>", views.collection, name="collection"),
    path("ogc/collections/<slug:slug>/items", views.items, name="items"),
    path("ogc/collections/<slug:slug>/queryables", views.queryables, name="queryables"),
    path("ogc/collections/<slug:slug>/items/<int:fid>", views.item, name="item"),
    path("ogc/collections/<slug:slug>/tiles", views.tilesets, name="tilesets"),
    path("ogc/collections/<slug:slug>/tiles/WebMercatorQuad", views.tileset, name="tileset"),
    path(
        "ogc/collections/<slug:slug>/tiles/WebMercatorQuad/<int:z>/<int:y>/<int:x>",
        views.tile,
        name="tile",
    ),
]
