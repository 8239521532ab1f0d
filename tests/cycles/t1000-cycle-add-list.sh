. "$(dirname "$0")/../cli/lib.sh"
finish
