#!/usr/bin/env python3
"""Rewrites SensorNode.sln's configurations after `dotnet sln add` (which adds x64/x86 and builds every project).

Solution configurations: Debug|Any CPU and Release|Any CPU build the host projects only (`dotnet build` on Linux);
Device|Any CPU builds only the nanoFramework .nfproj projects (Visual Studio with the nanoFramework extension).
A .nfproj in a host configuration would fail `dotnet build` with MSB4057. SolutionConfigurationTests guards this.
Usage: python3 tools/normalize-sln.py
"""
import os, re

path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "SensorNode.sln")
s = open(path, encoding="utf-8-sig").read()
projects = re.findall(r'Project\("\{([^}]+)\}"\) = "([^"]+)", "([^"]+)", "\{([^}]+)\}"', s)
nano = {g for t, n, p, g in projects if p.endswith(".nfproj")}
lines = ["Global",
         "\tGlobalSection(SolutionConfigurationPlatforms) = preSolution",
         "\t\tDebug|Any CPU = Debug|Any CPU",
         "\t\tRelease|Any CPU = Release|Any CPU",
         "\t\tDevice|Any CPU = Device|Any CPU",
         "\tEndGlobalSection",
         "\tGlobalSection(ProjectConfigurationPlatforms) = postSolution"]
for t, n, p, g in projects:
    if not (p.endswith("proj")):
        continue  # solution folders
    for cfg in ("Debug", "Release"):
        lines.append(f"\t\t{{{g}}}.{cfg}|Any CPU.ActiveCfg = {cfg}|Any CPU")
        if g not in nano:
            lines.append(f"\t\t{{{g}}}.{cfg}|Any CPU.Build.0 = {cfg}|Any CPU")
    lines.append(f"\t\t{{{g}}}.Device|Any CPU.ActiveCfg = Release|Any CPU")
    if g in nano:
        lines.append(f"\t\t{{{g}}}.Device|Any CPU.Build.0 = Release|Any CPU")
lines.append("\tEndGlobalSection")
head, rest = s.split("Global\n", 1)
tail = re.search(r"\tGlobalSection\(SolutionProperties\).*", rest, re.S).group(0)
open(path, "w", encoding="utf-8").write(head + "\n".join(lines) + "\n" + tail)
print(f"SensorNode.sln: {len(projects)} entries, {len(nano)} nanoFramework projects kept to the Device configuration")
