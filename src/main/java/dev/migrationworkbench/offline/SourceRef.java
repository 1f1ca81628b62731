package dev.migrationworkbench.offline;

/**
 * Where one offline fact was read: the input (archive or folder, with the inner archive for a
 * sosreport inside a sos collect archive), the file inside it, and the 1-based line (0: the whole
 * file).
 */
public record SourceRef(String origin, String path, long line) {

    @Override
    public String toString() {
        String file = path == null || path.isEmpty() ? origin : origin + " › " + path;
        return line > 0 ? file + ":" + line : file;
    }
}
