#!/usr/bin/env python3
"""Rewrites the 'Portable core' item group of both .nfproj files so it links every core .cs file.

The .nfproj format lists files explicitly (nothing host-only can reach the device build by globbing), so
adding a file to firmware/SensorNode.Core means adding it there too; NfprojSyncTests fails until this runs.
Usage: python3 tools/sync-nfproj.py
"""
import os, re, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
core = os.path.join(root, "firmware", "SensorNode.Core")
files = sorted(
    os.path.relpath(os.path.join(d, f), core).replace("/", "\\")
    for d, dirs, fs in os.walk(core)
    if not set(os.path.relpath(d, core).split(os.sep)) & {"bin", "obj"}
    for f in fs if f.endswith(".cs"))
items = "".join(f'    <Compile Include="..\\SensorNode.Core\\{f}" Link="Core\\{f}" />\n' for f in files)
label = '<ItemGroup Label="Portable core (linked, one item per file)">'
for proj in ["firmware/SensorNode.Firmware/SensorNode.Firmware.nfproj", "firmware/SensorNode.DeviceTests/SensorNode.DeviceTests.nfproj"]:
    path = os.path.join(root, proj)
    text = open(path, encoding="utf-8").read()
    new, n = re.subn(re.escape(label) + r"\n.*?  </ItemGroup>", lambda m: label + "\n" + items + "  </ItemGroup>", text, flags=re.S)
    if n != 1:
        sys.exit(f"{proj}: no '{label}' item group")
    if new != text:
        open(path, "w", encoding="utf-8").write(new)
        print(f"{proj}: {len(files)} core files linked")
