from django.urls import URLPattern, URLResolver

app_name = "codelists"
urlpatterns: list[URLPattern | URLResolver] = []
