/**
 * The peer wire protocol: handshake, length-prefixed messages and the BEP 10 extension
 * messages, as pure codecs (JDK only, no I/O). Depends on {@code dev.bitquark.bencode} and
 * {@code dev.bitquark.metainfo} only.
 *
 * <p>A connection starts with the 68-byte handshake ({@link dev.bitquark.wire.Handshake},
 * {@link dev.bitquark.wire.HandshakeDecoder}), then carries frames {@code <length:u32><id:u8><payload>}
 * ({@link dev.bitquark.wire.FrameDecoder} to a {@link dev.bitquark.wire.MessageHandler},
 * {@link dev.bitquark.wire.MessageWriter} back). All integers are big-endian.
 *
 * <table>
 * <caption>Messages (length = the prefix value: id byte + payload)</caption>
 * <tr><th>id</th><th>name</th><th>payload</th><th>length</th><th>spec</th></tr>
 * <tr><td>-</td><td>keep-alive</td><td>none, not even an id</td><td>0</td><td>BEP 3</td></tr>
 * <tr><td>0</td><td>choke</td><td>-</td><td>1</td><td>BEP 3</td></tr>
 * <tr><td>1</td><td>unchoke</td><td>-</td><td>1</td><td>BEP 3</td></tr>
 * <tr><td>2</td><td>interested</td><td>-</td><td>1</td><td>BEP 3</td></tr>
 * <tr><td>3</td><td>not interested</td><td>-</td><td>1</td><td>BEP 3</td></tr>
 * <tr><td>4</td><td>have</td><td>piece:u32</td><td>5</td><td>BEP 3</td></tr>
 * <tr><td>5</td><td>bitfield</td><td>ceil(pieces/8) bytes, high bit first</td><td>1 + n</td><td>BEP 3</td></tr>
 * <tr><td>6</td><td>request</td><td>piece:u32 begin:u32 length:u32</td><td>13</td><td>BEP 3</td></tr>
 * <tr><td>7</td><td>piece</td><td>piece:u32 begin:u32 block (at most 16 KiB)</td><td>9 .. 16393</td><td>BEP 3</td></tr>
 * <tr><td>8</td><td>cancel</td><td>piece:u32 begin:u32 length:u32</td><td>13</td><td>BEP 3</td></tr>
 * <tr><td>9</td><td>port</td><td>DHT port:u16</td><td>3</td><td>BEP 5</td></tr>
 * <tr><td>13</td><td>suggest</td><td>piece:u32</td><td>5</td><td>BEP 6</td></tr>
 * <tr><td>14</td><td>have all</td><td>-</td><td>1</td><td>BEP 6</td></tr>
 * <tr><td>15</td><td>have none</td><td>-</td><td>1</td><td>BEP 6</td></tr>
 * <tr><td>16</td><td>reject</td><td>piece:u32 begin:u32 length:u32</td><td>13</td><td>BEP 6</td></tr>
 * <tr><td>17</td><td>allowed fast</td><td>piece:u32</td><td>5</td><td>BEP 6</td></tr>
 * <tr><td>20</td><td>extended</td><td>extended id:u8, then (mostly) a bencoded dictionary</td><td>2 + n</td><td>BEP 10</td></tr>
 * <tr><td>other</td><td>unknown</td><td>skipped unread</td><td>any up to the cap</td><td>BEP 3</td></tr>
 * </table>
 *
 * <p>Limits the decoder enforces from the frame header, before buffering: length prefix at
 * most 1 MiB (configurable), piece frames at most 16 KiB of block, fixed lengths exactly as
 * above, u32 fields at most 2^31-1. Checks against the torrent (piece count, piece size) are in
 * {@link dev.bitquark.wire.WireChecks}. Reserved handshake bits: BEP 10 {@code reserved[5] & 0x10},
 * BEP 6 {@code reserved[7] & 0x04}, BEP 5 DHT {@code reserved[7] & 0x01}.
 *
 * <p>BEP 10 extended messages (id 20) carry an extended id byte, then a bencoded dictionary:
 * id 0 is the {@link dev.bitquark.wire.ExtendedHandshake}; other ids are those each side
 * assigned in its handshake's {@code m} dictionary, e.g. {@code ut_metadata}
 * ({@link dev.bitquark.wire.MetadataMessage}, BEP 9: request / data + 16 KiB piece / reject) and
 * {@code ut_pex} ({@link dev.bitquark.wire.PexMessage}, BEP 11: compact added / dropped peers).
 */
package dev.bitquark.wire;
