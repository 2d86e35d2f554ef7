from django.urls import path

from satudata.apps.helpdesk import kb_views, request_views, views

app_name = "helpdesk"

urlpatterns = [
    path("bantuan/", kb_views.faq, name="faq"),
    path("bantuan/<slug:slug>/", kb_views.article_page, name="article"),
    path("permintaan-data/", request_views.request_list, name="requests"),
    path("permintaan-data/ajukan/", request_views.request_create, name="request_create"),
    path("permintaan-data/terkirim/", request_views.request_sent, name="request_sent"),
    path("permintaan-data/<int:pk>/", request_views.request_page, name="request"),
    path(
        "permintaan-data/<int:pk>/ikuti/<str:token>/",
        request_views.request_follow,
        name="request_follow",
    ),
    path("kerja/bantuan/", views.ticket_list, name="tickets"),
    path("kerja/bantuan/baru/", views.ticket_create, name="ticket_create"),
    path("kerja/bantuan/artikel-terkait/", views.related_articles, name="related"),
    path("kerja/bantuan/tiket/<int:pk>/", views.ticket_page, name="ticket"),
    path("kerja/bantuan/tiket/<int:pk>/balas/", views.ticket_reply, name="ticket_reply"),
    path("kerja/bantuan/tiket/<int:pk>/kelola/", views.ticket_manage, name="ticket_manage"),
    path("kerja/bantuan/tiket/<int:pk>/buka-lagi/", views.ticket_reopen, name="ticket_reopen"),
    path(
        "kerja/bantuan/tiket/<int:pk>/jadikan-artikel/",
        kb_views.article_from_ticket,
        name="article_from_ticket",
    ),
    path("kerja/bantuan/lampiran/<int:pk>/", views.attachment, name="attachment"),
    path("kerja/bantuan/artikel/", kb_views.article_list, name="articles"),
    path("kerja/bantuan/artikel/baru/", kb_views.article_edit, name="article_create"),
    path("kerja/bantuan/artikel/<int:pk>/", kb_views.article_edit, name="article_edit"),
    path("kerja/bantuan/artikel/<int:pk>/hapus/", kb_views.article_delete, name="article_delete"),
    path("kerja/bantuan/target/", kb_views.targets, name="targets"),
    path("kerja/permintaan-data/", request_views.work_list, name="work_requests"),
    path("kerja/permintaan-data/<int:pk>/", request_views.work_page, name="work_request"),
    path("kerja/permintaan-data/<int:pk>/teruskan/", request_views.work_route, name="work_route"),
    path("kerja/permintaan-data/<int:pk>/jawab/", request_views.work_answer, name="work_answer"),
]
