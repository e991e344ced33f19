from django.urls import path

from clearpath.journey.panels import views

app_name = "panels"
urlpatterns = [
    path("", views.panel_list, name="panel-list"),
    path("<int:panel_id>/meetings", views.meeting_add, name="meeting-add"),
    path("meetings/<int:meeting_id>/", views.meeting_detail, name="meeting-detail"),
    path(
        "meetings/<int:meeting_id>/attendance",
        views.meeting_attendance,
        name="meeting-attendance",
    ),
    path("meetings/<int:meeting_id>/refresh", views.meeting_refresh, name="meeting-refresh"),
    path("meetings/<int:meeting_id>/close", views.meeting_close, name="meeting-close"),
    path("meetings/<int:meeting_id>/pack.pdf", views.meeting_pack, name="meeting-pack"),
    path("items/<int:item_id>/", views.item_detail, name="item-detail"),
    path("items/<int:item_id>/decide", views.item_decide, name="item-decide"),
    path("items/<int:item_id>/letter", views.item_letter, name="item-letter"),
]
