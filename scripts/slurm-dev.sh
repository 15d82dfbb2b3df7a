#!/usr/bin/env bash
# `npm run slurm:dev -- start|stop|status`: a single-node Slurm cluster on this machine, from
# Debian's packages (slurmctld slurmd slurm-client munge), for the sweep tests and for trying
# the Slurm executor. No systemd: munged, slurmctld and slurmd are started by hand and
# stopped by the PIDs in their pidfiles. Needs root (SlurmUser=root, /etc/slurm).
set -euo pipefail

CONF=/etc/slurm/slurm.conf
MARK='# written by pseudoscope scripts/slurm-dev.sh'
STATE=/var/lib/slurm-dev
LOGS=/var/log/slurm-dev
CTLD_PID=/run/slurmctld.pid
SLURMD_PID=/run/slurmd.pid
MUNGE_PID=/run/munge/munged.pid

die() { echo "slurm:dev: $*" >&2; exit 1; }

# The running process of a pidfile whose executable is the given binary (alternatives links
# resolved: /usr/sbin/slurmctld -> slurmctld-wlm), else nothing.
live_pid() {
  local pidfile=$1 binary=$2 pid exe
  [ -f "$pidfile" ] || return 0
  pid=$(tr -dc 0-9 < "$pidfile")
  [ -n "$pid" ] && [ -e "/proc/$pid/exe" ] || return 0
  exe=$(readlink -f "/proc/$pid/exe" 2>/dev/null || true)
  [ "$exe" = "$(readlink -f "$binary")" ] && echo "$pid"
  return 0
}

write_conf() {
  if [ -f "$CONF" ] && ! grep -qF "$MARK" "$CONF"; then
    die "$CONF exists and was not written by this script; refusing to replace it"
  fi
  local host cpus
  host=$(hostname -s)
  cpus=$(nproc)
  mkdir -p "$STATE/ctld" "$STATE/d" "$LOGS"
  cat > "$CONF" <<EOF
$MARK
ClusterName=pseudoscope-dev
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
AuthType=auth/munge
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$CTLD_PID
SlurmdPidFile=$SLURMD_PID
SlurmctldLogFile=$LOGS/slurmctld.log
SlurmdLogFile=$LOGS/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/filetxt
JobCompLoc=$LOGS/jobcomp.log
SchedulerType=sched/backfill
SchedulerParameters=batch_sched_delay=0
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
ReturnToService=2
MinJobAge=3600
KillWait=30
MaxArraySize=10001
NodeName=$host NodeAddr=127.0.0.1 CPUs=$cpus State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
}

start() {
  [ "$(id -u)" = 0 ] || die "start needs root (SlurmUser=root)"
  command -v slurmctld >/dev/null || die "slurmctld not installed: apt-get install -y --no-install-recommends slurmctld slurmd slurm-client munge"
  write_conf
  mkdir -p /run/munge && chown munge:munge /run/munge && chmod 755 /run/munge
  if [ -z "$(live_pid "$MUNGE_PID" /usr/sbin/munged)" ]; then
    runuser -u munge -- /usr/sbin/munged
  fi
  if [ -z "$(live_pid "$CTLD_PID" /usr/sbin/slurmctld)" ]; then
    slurmctld
  fi
  if [ -z "$(live_pid "$SLURMD_PID" /usr/sbin/slurmd)" ]; then
    slurmd
  fi
  local host
  host=$(hostname -s)
  for _ in $(seq 1 100); do
    state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
    case "$state" in
      idle*|mixed*|allocated*) echo "slurm:dev: node $host is $state ($(nproc) CPUs); config $CONF"; return 0 ;;
      down*|drain*) scontrol update NodeName="$host" State=RESUME >/dev/null 2>&1 || true ;;
    esac
    sleep 0.2
  done
  die "the node did not come up in 20 s (state '${state:-none}'); see $LOGS"
}

# Sends SIGTERM to a daemon by its pidfile and waits for it to go (a zombie counts as gone).
stop_daemon() {
  local name=$1 pidfile=$2 binary=$3 pid
  pid=$(live_pid "$pidfile" "$binary")
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do
    local st
    st=$(awk '/^State:/ { print $2 }' "/proc/$pid/status" 2>/dev/null || true)
    if [ -z "$st" ] || [ "$st" = Z ]; then echo "slurm:dev: stopped $name ($pid)"; return 0; fi
    sleep 0.1
  done
  echo "slurm:dev: $name ($pid) ignored SIGTERM; sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

stop() {
  # Jobs first: they outlive slurmd otherwise.
  if [ -n "$(live_pid "$CTLD_PID" /usr/sbin/slurmctld)" ]; then
    scancel --full --user=root >/dev/null 2>&1 || true
    for _ in $(seq 1 100); do
      [ -z "$(squeue -h -t PD,R,CG,S -o %i 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  stop_daemon slurmd "$SLURMD_PID" /usr/sbin/slurmd
  stop_daemon slurmctld "$CTLD_PID" /usr/sbin/slurmctld
  stop_daemon munged "$MUNGE_PID" /usr/sbin/munged
}

status() {
  local up=0
  for d in "munged $MUNGE_PID /usr/sbin/munged" "slurmctld $CTLD_PID /usr/sbin/slurmctld" "slurmd $SLURMD_PID /usr/sbin/slurmd"; do
    # shellcheck disable=SC2086
    set -- $d
    pid=$(live_pid "$2" "$3")
    if [ -n "$pid" ]; then echo "$1: running ($pid)"; up=$((up + 1)); else echo "$1: not running"; fi
  done
  [ "$up" = 3 ] && sinfo
  [ "$up" = 3 ]
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: npm run slurm:dev -- start|stop|status" >&2; exit 2 ;;
esac
