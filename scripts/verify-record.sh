#!/bin/sh
# verify-record.sh BUNDLE_DIR
#
# Verifies one credit-node record with nothing but POSIX sh, OpenSSL 3 and base64, to show that
# a partner needs none of our software. BUNDLE_DIR holds the record's signed bundle as files:
#   canonical.bin    the record's RFC 8785 bytes (the Merkle leaf)
#   signed-data.bin  the bytes the signature covers: the canonical record itself, or the RFC 8785
#                    batch statement {"batchId","origin","rootHash","signedAt","treeSize"}
#   signature.der    DER SEQUENCE{r,s}
#   pub.pem          signer's public key (SubjectPublicKeyInfo). If absent, cert.pem is used;
#                    note that this script does NOT check the certificate chain.
#   proof.txt        optional (batch signing): line 1 leafIndex, line 2 treeSize, then one
#                    base64 RFC 9162 audit-path element per line, leaf's sibling first.
# SM2 keys use SM3 and the SM2 ID 1234567812345678; P-256 keys use SHA-256.
# Exit status 0 and "OK" on success, 1 and "FAIL: ..." on stderr otherwise.
set -eu

fail() { echo "FAIL: $*" >&2; exit 1; }

dir=${1:?usage: verify-record.sh bundle-dir}
for f in canonical.bin signed-data.bin signature.der; do
  [ -f "$dir/$f" ] || fail "missing $dir/$f"
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM

pub=$dir/pub.pem
if [ ! -f "$pub" ]; then
  [ -f "$dir/cert.pem" ] || fail "missing $dir/pub.pem (or cert.pem)"
  openssl x509 -in "$dir/cert.pem" -pubkey -noout > "$tmp/pub.pem" || fail "unreadable cert.pem"
  pub=$tmp/pub.pem
fi

# Pick the hash from the key's curve. OpenSSL 3.0 uses an EMPTY SM2 ID unless told: pass distid.
keytext=$(openssl pkey -pubin -in "$pub" -noout -text) || fail "unreadable public key"
case $keytext in
  *"ASN1 OID: SM2"*)       md=sm3;    set -- -sigopt distid:1234567812345678 ;;
  *"ASN1 OID: prime256v1"*) md=sha256; set -- ;;
  *) fail "unsupported key (need an SM2 or P-256 EC key)" ;;
esac

# 1. The signature over signed-data.bin.
openssl dgst -"$md" -verify "$pub" "$@" -signature "$dir/signature.der" "$dir/signed-data.bin" \
  > /dev/null 2>&1 || fail "bad signature"

# 2. Single-record signature: the signed bytes are the record itself.
if [ ! -f "$dir/proof.txt" ]; then
  cmp -s "$dir/canonical.bin" "$dir/signed-data.bin" || fail "signed data is not this record"
  echo "OK: record signature verified ($md)"
  exit 0
fi

# 3. Batch signature: the record is leaf leafIndex of the tree whose root the statement signs.
#    The statement is canonical JSON with one flat object, so its fields can be cut out with sed
#    (an unescaped '"' cannot occur inside a JSON string, so these patterns match only keys).
root_b64=$(sed -n 's/.*"rootHash":"\([A-Za-z0-9+/=]*\)".*/\1/p' "$dir/signed-data.bin")
stmt_size=$(sed -n 's/.*"treeSize":\([0-9][0-9]*\)[,}].*/\1/p' "$dir/signed-data.bin")
[ -n "$root_b64" ] && [ -n "$stmt_size" ] || fail "signed data is not a batch statement"
printf '%s' "$root_b64" | base64 -d > "$tmp/root" || fail "bad rootHash"

leaf_index=$(sed -n 1p "$dir/proof.txt")
tree_size=$(sed -n 2p "$dir/proof.txt")
case $leaf_index$tree_size in *[!0-9]*|'') fail "proof.txt: leafIndex/treeSize not numbers" ;; esac
[ "$tree_size" = "$stmt_size" ] || fail "proof treeSize $tree_size but statement says $stmt_size"
[ "$leaf_index" -lt "$tree_size" ] || fail "leafIndex out of range"

# Leaf hash = H(0x00 || canonical); interior node = H(0x01 || left || right)  (RFC 9162 §2.1).
{ printf '\000'; cat "$dir/canonical.bin"; } | openssl dgst -"$md" -binary > "$tmp/r"

# RFC 9162 §2.1.3.2: fn walks the leaf's index up the tree, sn the last index at that level.
fn=$leaf_index
sn=$((tree_size - 1))
sed -n '3,$p' "$dir/proof.txt" > "$tmp/path"
while IFS= read -r elem || [ -n "$elem" ]; do
  [ -n "$elem" ] || continue
  [ "$sn" -ne 0 ] || fail "proof has too many elements"
  printf '%s' "$elem" | base64 -d > "$tmp/p" || fail "bad base64 in proof"
  [ "$(wc -c < "$tmp/p")" -eq 32 ] || fail "proof element is not a 32-byte hash"
  if [ $((fn & 1)) -eq 1 ] || [ "$fn" -eq "$sn" ]; then
    # We are a right child, or the last node of a level (promoted): sibling goes on the left.
    { printf '\001'; cat "$tmp/p" "$tmp/r"; } | openssl dgst -"$md" -binary > "$tmp/n"
    while [ $((fn & 1)) -eq 0 ] && [ "$fn" -ne 0 ]; do
      fn=$((fn >> 1)); sn=$((sn >> 1))
    done
  else
    { printf '\001'; cat "$tmp/r" "$tmp/p"; } | openssl dgst -"$md" -binary > "$tmp/n"
  fi
  mv "$tmp/n" "$tmp/r"
  fn=$((fn >> 1)); sn=$((sn >> 1))
done < "$tmp/path"

[ "$sn" -eq 0 ] || fail "proof has too few elements"
cmp -s "$tmp/r" "$tmp/root" || fail "record is not in the signed batch (root mismatch)"
echo "OK: batch signature and inclusion of leaf $leaf_index of $tree_size verified ($md)"
