# Production image for the Aksi Konvergensi portal (gunicorn; see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    AKSI_VAR_DIR=/var/lib/aksi \
    DJANGO_MEDIA_ROOT=/var/lib/aksi/media \
    DJANGO_STATIC_ROOT=/app/staticfiles

# System libraries WeasyPrint needs to render PDFs.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libffi8 \
        shared-mime-info fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

WORKDIR /app

# Dependencies first so code changes do not invalidate this layer.
COPY pyproject.toml ./
RUN pip install . && rm -rf build *.egg-info

COPY . .

# collectstatic needs settings to load with DEBUG off; the key exists for this step only.
RUN DJANGO_SECRET_KEY=collectstatic-build-only DJANGO_DEBUG=0 \
        python manage.py collectstatic --noinput \
    && useradd --system --create-home --home-dir /var/lib/aksi --shell /usr/sbin/nologin aksi \
    && mkdir -p /var/lib/aksi/media \
    && chown -R aksi:aksi /var/lib/aksi

USER aksi
EXPOSE 8000

CMD ["gunicorn", "config.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "3"]
