package org.schoolcontacts.parents;

import com.fasterxml.jackson.core.SerializableString;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * JSON already written as UTF-8, for a {@link com.fasterxml.jackson.databind.util.RawValue}: a UTF-8
 * generator copies the bytes as they are. The text is made only if a character-based writer asks
 * for it (the transport writes bytes).
 */
final class RawUtf8 implements SerializableString {
    private final byte[] utf8;

    RawUtf8(byte[] utf8) { this.utf8 = utf8; }

    @Override public String getValue() { return new String(utf8, StandardCharsets.UTF_8); }

    @Override public int charLength() { return getValue().length(); }

    @Override public char[] asQuotedChars() { throw quotedUnsupported(); }

    @Override public byte[] asUnquotedUTF8() { return utf8; }

    @Override public byte[] asQuotedUTF8() { throw quotedUnsupported(); }

    @Override public int appendQuotedUTF8(byte[] buffer, int offset) { throw quotedUnsupported(); }

    @Override public int appendQuoted(char[] buffer, int offset) { throw quotedUnsupported(); }

    @Override
    public int appendUnquotedUTF8(byte[] buffer, int offset) {
        if (offset + utf8.length > buffer.length) return -1;
        System.arraycopy(utf8, 0, buffer, offset, utf8.length);
        return utf8.length;
    }

    @Override
    public int appendUnquoted(char[] buffer, int offset) {
        String s = getValue();
        if (offset + s.length() > buffer.length) return -1;
        s.getChars(0, s.length(), buffer, offset);
        return s.length();
    }

    @Override public int writeQuotedUTF8(OutputStream out) { throw quotedUnsupported(); }

    @Override
    public int writeUnquotedUTF8(OutputStream out) throws IOException {
        out.write(utf8);
        return utf8.length;
    }

    @Override public int putQuotedUTF8(ByteBuffer buffer) { throw quotedUnsupported(); }

    @Override
    public int putUnquotedUTF8(ByteBuffer buffer) {
        if (buffer.remaining() < utf8.length) return -1;
        buffer.put(utf8);
        return utf8.length;
    }

    /** Raw JSON is never a string value to quote. */
    private static UnsupportedOperationException quotedUnsupported() {
        return new UnsupportedOperationException("raw JSON is not quoted");
    }

    @Override public String toString() { return getValue(); }
}
