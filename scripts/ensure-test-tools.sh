#!/bin/sh
# System tools the tests need, from Debian's packages: Chromium's headless shell for the browser
# tests and Ace, Chromium for Lighthouse (never a browser downloaded by Playwright), Java for the
# Nu HTML Checker and EPUBCheck, jing for the TEI, Pango for WeasyPrint.
set -e
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium fonts-dejavu-core"
command -v chromium-headless-shell >/dev/null 2>&1 || missing="$missing chromium-headless-shell"
command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
# jing validates the TEI export against the TEI Consortium's tei_all RELAX NG schema.
command -v jing >/dev/null 2>&1 || missing="$missing jing"
# WeasyPrint (the PDF export) prints through Pango.
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0" || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "Installing from Debian:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
