import factory
from django.contrib.auth import get_user_model

KATA_SANDI = "sandi-uji-Aman-123"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"pengguna{n}")
    first_name = factory.Faker("first_name", locale="id_ID")
    password = factory.PostGenerationMethodCall("set_password", KATA_SANDI)

    @factory.post_generation
    def simpan(obj, create, extracted, **kwargs):
        if create:
            obj.save()
