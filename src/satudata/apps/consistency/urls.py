from django.urls import URLPattern, URLResolver

app_name = "consistency"
urlpatterns: list[URLPattern | URLResolver] = []
