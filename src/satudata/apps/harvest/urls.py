from django.urls import URLPattern, URLResolver

app_name = "harvest"
urlpatterns: list[URLPattern | URLResolver] = []
