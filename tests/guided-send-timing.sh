#!/usr/bin/env bash
# How long a person takes to send a correct high-priority incident notice with the guided
# `poc send`, starting from `poc --help`.
#
# It sets up a custodian, a relay on 127.0.0.1 and three PoCs (FRA.technical, MAR.technical,
# MAR.diplomatic) in a temporary directory, then plays FRA.technical's analyst in a tmux
# session: it types each answer one key at a time at a person's speed (KEY_DELAY seconds a
# key) and pauses to read each question (READ_DELAY), waiting for the question to appear
# before answering. The analyst reads `poc --help`, runs `poc send`, types "mar" for the
# recipient and picks MAR.technical from the list it shows, answers incident / high / the default
# TLP, fills the summary and description, leaves the other fields empty, confirms, and types
# the passphrase. The script then checks that MAR.technical received exactly that notice,
# high priority, and prints the seconds from `poc --help` to the relay's receipt.
#
# Usage: bash tests/guided-send-timing.sh [BIN_DIR]   (default: target/debug; build first with
#        cargo build --bins --features poc-tests/harness). Needs tmux. Not a test: the figure
#        depends on the machine; it measures the dialogue, not a deadline.
set -euo pipefail

BIN=$(cd "${1:-target/debug}" && pwd)
KEY_DELAY=${KEY_DELAY:-0.12}  # about 80 words a minute
READ_DELAY=${READ_DELAY:-1.5} # reading a question before answering
POC="$BIN/poc"
# Identities are created with the low scrypt factor of the test binary when it is there, so
# the setup is quick; the analyst's commands run the real `poc`.
WRITER="$BIN/poc-low-work-factor"
[ -x "$WRITER" ] || WRITER="$POC"

WORK=$(mktemp -d)
SESSION="poc-guided-$$"
RELAY_PID=""
cleanup() {
  tmux kill-session -t "$SESSION" 2>/dev/null || true
  if [ -n "$RELAY_PID" ]; then kill "$RELAY_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

CUSTODIAN_PASS="violet tractor sings under eleven moons"
FRA_PASS="passphrase of FRA.technical"
export POC_RETRY_FOR=5s

custodian() { POC_PASSPHRASE="$CUSTODIAN_PASS" "$POC" --home "$WORK/unoda" "$@"; }

echo "setting up in $WORK ..." >&2
KEY=$(POC_PASSPHRASE="$CUSTODIAN_PASS" "$WRITER" --home "$WORK/unoda" --json custodian init \
  --org-name UNODA --email pocs@unoda.example | sed -n 's/.*"custodian_key": *"\([^"]*\)".*/\1/p')
PIN=$("$BIN/poc-relay" init --json --data-dir "$WORK/relay" --listen 127.0.0.1:0 \
  --custodian-key "$KEY" | sed -n 's/.*"tls_pin": *"\([^"]*\)".*/\1/p')
"$BIN/poc-relay" run --config "$WORK/relay/relay.toml" >"$WORK/relay.out" 2>"$WORK/relay.err" &
RELAY_PID=$!
for _ in $(seq 100); do
  grep -q "listening on" "$WORK/relay.out" && break
  sleep 0.1
done
ADDR=$(sed -n 's/.*listening on \([^ ]*\).*/\1/p' "$WORK/relay.out")
custodian custodian relay "$ADDR" --pin "$PIN" >/dev/null
for id in FRA.technical MAR.technical MAR.diplomatic; do
  custodian custodian invite "$id" --out "$WORK/invite-$id.toml" >/dev/null
  case $id in
    FRA.technical) org=CERT-FR pass=$FRA_PASS ;;
    MAR.technical) org=maCERT pass="passphrase of $id" ;;
    *) org="Ministry of Foreign Affairs of Morocco" pass="passphrase of $id" ;;
  esac
  POC_PASSPHRASE="$pass" "$WRITER" --home "$WORK/$id" init --yes \
    --invite "$WORK/invite-$id.toml" --org-name "$org" --email "pocs@$id.example" \
    >/dev/null 2>&1
  custodian custodian add "$WORK/$id/enrolment-request.txt" --yes >/dev/null 2>&1
done
custodian custodian publish >/dev/null
for id in FRA.technical MAR.technical MAR.diplomatic; do
  POC_PASSPHRASE="passphrase of $id" "$POC" --home "$WORK/$id" directory sync >/dev/null
done

# The analyst's terminal: FRA.technical's home, no passphrase in the environment.
tmux new-session -d -s "$SESSION" -x 160 -y 50 \
  "env -u POC_PASSPHRASE POC_HOME='$WORK/FRA.technical' PATH='$BIN:$PATH' bash --norc --noprofile"
screen_text() { tmux capture-pane -p -t "$SESSION" -S -200; }
wait_for() {
  for _ in $(seq 600); do
    if screen_text | grep -qF -- "$1"; then return 0; fi
    sleep 0.1
  done
  echo "timed out waiting for: $1" >&2
  screen_text >&2
  exit 1
}
type_line() {
  local text=$1 i
  for ((i = 0; i < ${#text}; i++)); do
    tmux send-keys -t "$SESSION" -l -- "${text:i:1}"
    sleep "$KEY_DELAY"
  done
  tmux send-keys -t "$SESSION" Enter
}
answer() { # answer QUESTION_TEXT ANSWER
  wait_for "$1"
  sleep "$READ_DELAY"
  type_line "$2"
}
# The same question comes back for every empty field: count how many are on the screen.
answer_nth() { # answer_nth QUESTION_TEXT N ANSWER
  for _ in $(seq 600); do
    [ "$(screen_text | grep -cF -- "$1")" -ge "$2" ] && break
    sleep 0.1
  done
  sleep "$READ_DELAY"
  type_line "$3"
}

sleep 0.5
START=$(date +%s.%N)
type_line "poc --help"
wait_for "Usage:"
sleep 5 # reads the list of commands
type_line "poc send"
answer "To (" "mar"
wait_for "Which one"
PICK=$(screen_text | sed -n 's/^ *\([0-9]*\)) MAR\.technical,.*/\1/p' | tail -1)
answer "Which one" "$PICK"
answer "Type (" "incident"
answer "Priority (" "high"
answer "TLP label" ""
answer "Reference (" ""
answer "Summary (" "Ransomware at the port authority"
answer "Description (" "File servers encrypted since 06:10 UTC"
n=0
for _ in 1 2 3 4 5 6 7 8 9; do
  n=$((n + 1))
  answer_nth "Enter to leave empty" $((3 + n)) ""
done
answer "Send this message?" "y"
answer "Passphrase of FRA.technical" "$FRA_PASS"
wait_for "stored by the relay"
END=$(date +%s.%N)
[ -n "${SHOW_SCREEN:-}" ] && screen_text >&2

# Check what MAR.technical received.
INBOX=$(POC_PASSPHRASE="passphrase of MAR.technical" "$POC" --home "$WORK/MAR.technical" --json inbox)
echo "$INBOX" | grep -q '"priority": *"high"' || { echo "not received as high priority: $INBOX" >&2; exit 1; }
echo "$INBOX" | grep -q 'Ransomware at the port authority' || { echo "summary missing: $INBOX" >&2; exit 1; }
echo "$INBOX" | grep -q '"from": *"FRA.technical"' || { echo "sender missing: $INBOX" >&2; exit 1; }

printf 'guided send, from `poc --help` to the relay'"'"'s receipt: %.1f s\n' "$(echo "$END - $START" | bc -l)"
