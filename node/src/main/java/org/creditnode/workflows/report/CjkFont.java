package org.creditnode.workflows.report;

import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TrueTypeCollection;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBufferedFile;
import org.creditnode.config.ConfigException;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The TrueType font with Chinese glyphs that PDF reports embed. PDFBox embeds TrueType outlines
 * only (not the CFF outlines of Noto CJK .otf), so the search takes .ttf and .ttc files: the
 * configured {@code report.font}, else the usual places of Debian, RHEL, Windows and macOS fonts.
 */
public final class CjkFont {
    /** Common locations, most usual first (Debian: fonts-wqy-zenhei, fonts-wqy-microhei, fonts-arphic-uming). */
    public static final List<String> SEARCHED = List.of(
            "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
            "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
            "/usr/share/fonts/truetype/arphic/uming.ttc",
            "/usr/share/fonts/truetype/arphic/ukai.ttc",
            "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
            "/usr/share/fonts/wqy-zenhei/wqy-zenhei.ttc",
            "/usr/share/fonts/wqy-microhei/wqy-microhei.ttc",
            "C:/Windows/Fonts/simsun.ttc",
            "C:/Windows/Fonts/msyh.ttc",
            "/Library/Fonts/Arial Unicode.ttf");
    static final String SETTING = "report.font";
    private static final char PROBE = '信';

    private final Path file;

    private CjkFont(Path file) {
        this.file = file;
    }

    public Path file() { return file; }

    /**
     * The configured font, which must exist and have Chinese glyphs (else the node does not start,
     * naming the setting), or the first usable one of {@link #SEARCHED}; empty when none is.
     */
    public static Optional<CjkFont> find(String configured) {
        if (configured != null) {
            Path p = Path.of(configured);
            String problem = problem(p);
            if (problem != null) {
                throw new ConfigException(SETTING + ": " + configured + " " + problem
                        + "; name a TrueType font (.ttf or .ttc) with Chinese glyphs, e.g. Debian's fonts-wqy-zenhei");
            }
            return Optional.of(new CjkFont(p));
        }
        for (String s : SEARCHED) {
            Path p = Path.of(s);
            if (Files.isRegularFile(p) && problem(p) == null) return Optional.of(new CjkFont(p));
        }
        return Optional.empty();
    }

    /** What a PDF request answers when no font was found: names the setting and where the node looked. */
    public static String missingMessage() {
        return "no TrueType font with Chinese glyphs on this node: set " + SETTING + " in the node's configuration "
                + "(e.g. report: { font: /usr/share/fonts/truetype/wqy/wqy-zenhei.ttc } after apt-get install fonts-wqy-zenhei); "
                + "looked in " + SEARCHED;
    }

    /** Opens the font for one document; close it after the document is saved. */
    Opened open() throws IOException {
        if (file.toString().toLowerCase(java.util.Locale.ROOT).endsWith(".ttc")) {
            TrueTypeCollection ttc = new TrueTypeCollection(file.toFile());
            TrueTypeFont[] chosen = new TrueTypeFont[1];
            ttc.processAllFonts(f -> {
                if (chosen[0] == null && hasGlyph(f)) chosen[0] = f;
            });
            if (chosen[0] == null) {
                ttc.close();
                throw new IOException(file + " has no font with Chinese glyphs");
            }
            return new Opened(chosen[0], ttc);
        }
        TrueTypeFont ttf = new TTFParser().parse(new RandomAccessReadBufferedFile(file.toFile()));
        return new Opened(ttf, ttf);
    }

    record Opened(TrueTypeFont font, Closeable owner) implements Closeable {
        @Override
        public void close() throws IOException {
            owner.close();
        }
    }

    /** Null when the file is a readable TrueType font with Chinese glyphs; else what is wrong with it. */
    private static String problem(Path p) {
        if (!Files.isRegularFile(p)) return "does not exist or is not a file";
        try (Opened o = new CjkFont(p).open()) {
            return null;
        } catch (IOException | RuntimeException e) {
            return "is not a usable TrueType font with Chinese glyphs (" + e.getMessage() + ")";
        }
    }

    private static boolean hasGlyph(TrueTypeFont f) {
        try {
            var cmap = f.getUnicodeCmapLookup(false);
            return cmap != null && cmap.getGlyphId(PROBE) > 0 && !f.getTableMap().containsKey("CFF ");
        } catch (IOException e) {
            return false;
        }
    }

}
