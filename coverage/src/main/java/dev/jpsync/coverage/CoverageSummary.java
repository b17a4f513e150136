package dev.jpsync.coverage;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Prints the line coverage of JaCoCo's aggregate report (all modules, all tests) and fails when the total or
 * a module falls below its floor. Arguments: the report's XML, then {@code name=floor} pairs ({@code total}
 * or a module name, floor as a ratio such as {@code 0.80}).
 */
public final class CoverageSummary {

    private CoverageSummary() {
    }

    public static void main(String[] args) throws Exception {
        File xml = new File(args[0]);
        if (!xml.isFile()) {
            System.out.println("[coverage] no report at " + xml + " (were the tests skipped?)");
            return;
        }
        Map<String, Double> floors = new LinkedHashMap<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            floors.put(pair[0], Double.parseDouble(pair[1]));
        }

        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document report = factory.newDocumentBuilder().parse(xml);
        Element root = report.getDocumentElement();

        Map<String, long[]> lines = new LinkedHashMap<>(); // name -> {covered, missed}
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element group && group.getTagName().equals("group")) {
                lines.put(group.getAttribute("name"), lineCounter(group));
            }
        }
        lines.put("total", lineCounter(root));

        StringBuilder failures = new StringBuilder();
        System.out.println("[coverage] line coverage, all tests of all modules (target/site/jacoco-aggregate/index.html):");
        for (Map.Entry<String, long[]> entry : lines.entrySet()) {
            long covered = entry.getValue()[0];
            long total = covered + entry.getValue()[1];
            double ratio = total == 0 ? 1 : (double) covered / total;
            Double floor = floors.get(entry.getKey());
            System.out.printf(Locale.ROOT, "[coverage]   %-14s %5.1f%% of %,d lines%s%n", entry.getKey(), ratio * 100, total,
                    floor == null ? "" : String.format(Locale.ROOT, " (floor %.1f%%)", floor * 100));
            if (floor != null && ratio < floor) {
                failures.append(String.format(Locale.ROOT, " %s %.1f%% < %.1f%%;", entry.getKey(), ratio * 100, floor * 100));
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalStateException("Line coverage below its floor:" + failures);
        }
    }

    /** {covered, missed} of the element's own LINE counter (its direct child). */
    private static long[] lineCounter(Element element) {
        for (Node n = element.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element counter && counter.getTagName().equals("counter")
                    && counter.getAttribute("type").equals("LINE")) {
                return new long[] {Long.parseLong(counter.getAttribute("covered")),
                        Long.parseLong(counter.getAttribute("missed"))};
            }
        }
        return new long[] {0, 0};
    }
}
