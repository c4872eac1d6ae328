#!/bin/sh
# The compose broker's start: writes Mosquitto's password file from MQTT_GATEWAY_PASSWORD and
# MQTT_WRITER_PASSWORD (docker-compose.yml passes them from .env), copies the ACL beside it, both
# readable by the mosquitto user only, then runs Mosquitto. Done at every start, so a changed
# password in .env takes effect with `docker compose up -d` (the container is recreated).
set -eu
: "${MQTT_GATEWAY_PASSWORD:?set MQTT_GATEWAY_PASSWORD (see docs/DEPLOY.md)}"
: "${MQTT_WRITER_PASSWORD:?set MQTT_WRITER_PASSWORD (see docs/DEPLOY.md)}"
umask 077
dir=/mosquitto/data
mosquitto_passwd -c -b "$dir/passwd" gateway "$MQTT_GATEWAY_PASSWORD"
mosquitto_passwd -b "$dir/passwd" meshview "$MQTT_WRITER_PASSWORD"
cp /mosquitto/config/acl "$dir/acl"
chown mosquitto:mosquitto "$dir/passwd" "$dir/acl"
exec mosquitto -c /mosquitto/config/mosquitto.conf
