#!/usr/bin/env bash
# Class-data sharing for the command-line jar (JDK 17+): a run in a fresh JVM (cron, a Kubernetes Job) then maps
# the application's classes, already parsed and verified, from an archive instead of loading them from jars.
#  1. extracts the executable jar with Spring Boot's own tool (plain jars on the class path: CDS cannot archive
#     classes loaded from jars nested in a jar);
#  2. a training run starts the application context with your usual arguments and exits before any job runs
#     (-Dspring.context.exit=onRefresh); the JVM writes the classes it loaded to <directory>/jobs.jsa.
# Usage: batch-jobs/cds-archive.sh <jobs-jar> <directory> [the job's usual arguments and settings]
#   e.g. batch-jobs/cds-archive.sh batch-jobs/target/jsonplaceholder-sync-jobs-exec.jar /opt/jpsync-jobs \
#          export --spring.datasource.url=jdbc:mysql://db/jpsync --spring.datasource.username=sync
# The training run starts the application as a job run would (the database those settings name, Flyway included:
# like any run it applies pending migrations), but runs no job.
# Then run the jobs as:  java -XX:SharedArchiveFile=<directory>/jobs.jsa -jar <directory>/<jar name> export ...
# Make the archive again whenever the jar or the JDK changes (the JVM otherwise warns "Unable to use shared
# archive" and runs without it), and keep the directory where it was made: the archive records the class path.
set -euo pipefail
if [ $# -lt 2 ]; then sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 2; fi
jar=$1 dir=$2; shift 2
java="${JAVA_HOME:+$JAVA_HOME/bin/}java"
"$java" -Djarmode=tools -jar "$jar" extract --force --destination "$dir"
app="$dir/$(basename "$jar")"
rm -f "$dir/jobs.jsa"
"$java" -XX:ArchiveClassesAtExit="$dir/jobs.jsa" -Dspring.context.exit=onRefresh -jar "$app" "$@"
[ -s "$dir/jobs.jsa" ] || { echo "the training run made no archive" >&2; exit 1; }
echo "class-data sharing archive: $dir/jobs.jsa"
echo "run the jobs as: $java -XX:SharedArchiveFile=$dir/jobs.jsa -jar $app <import|export> [arguments]"
