package dev.migrationworkbench.probe.agent;

import dev.migrationworkbench.model.CpuList;
import dev.migrationworkbench.model.HostTopology.InstancePlacement;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/** Reads an instance's placement from its libvirt domain XML ({@code virsh dumpxml}). */
public final class DomainXml {

    private DomainXml() {
    }

    /**
     * @param defaultHugepageSizeKb the host's default hugepage size, for {@code <hugepages/>} without a page size
     * @throws IllegalArgumentException when the text is not a domain XML
     */
    public static InstancePlacement parse(String xml, Long defaultHugepageSizeKb) {
        Element domain = parseDocument(xml).getDocumentElement();
        if (!"domain".equals(domain.getTagName())) {
            throw new IllegalArgumentException("not a libvirt domain XML: root element <" + domain.getTagName() + ">");
        }
        Map<Integer, List<Integer>> vcpuPins = new TreeMap<>();
        TreeSet<Integer> pinned = new TreeSet<>();
        List<Integer> emulatorCpus = List.of();
        Element cputune = child(domain, "cputune");
        if (cputune != null) {
            for (Element pin : children(cputune, "vcpupin")) {
                List<Integer> cpus = CpuList.parse(pin.getAttribute("cpuset"));
                vcpuPins.put(Integer.parseInt(pin.getAttribute("vcpu").trim()), cpus);
                pinned.addAll(cpus);
            }
            Element emulator = child(cputune, "emulatorpin");
            if (emulator != null) {
                emulatorCpus = CpuList.parse(emulator.getAttribute("cpuset"));
            }
        }
        TreeSet<Integer> memoryNodes = new TreeSet<>();
        String memoryMode = null;
        Element numatune = child(domain, "numatune");
        if (numatune != null) {
            Element memory = child(numatune, "memory");
            if (memory != null) {
                memoryNodes.addAll(CpuList.parse(memory.getAttribute("nodeset")));
                memoryMode = memory.hasAttribute("mode") ? memory.getAttribute("mode") : "strict";
            }
            for (Element memnode : children(numatune, "memnode")) {
                memoryNodes.addAll(CpuList.parse(memnode.getAttribute("nodeset")));
            }
        }
        Long hugepageSizeKb = null;
        Element backing = child(domain, "memoryBacking");
        Element hugepages = backing == null ? null : child(backing, "hugepages");
        if (hugepages != null) {
            Element page = child(hugepages, "page");
            hugepageSizeKb = page == null ? defaultHugepageSizeKb : toKib(page.getAttribute("size"), page.getAttribute("unit"));
        }
        List<String> nics = new ArrayList<>();
        Element devices = child(domain, "devices");
        if (devices != null) {
            for (Element iface : children(devices, "interface")) {
                String nic = interfaceDevice(iface);
                if (nic != null) {
                    nics.add(nic);
                }
            }
        }
        Element uuid = child(domain, "uuid");
        Element name = child(domain, "name");
        return new InstancePlacement(
                uuid == null ? null : uuid.getTextContent().trim().toLowerCase(Locale.ROOT),
                name == null ? null : name.getTextContent().trim(),
                List.copyOf(pinned), List.copyOf(memoryNodes), hugepageSizeKb, nics,
                vcpuPins, emulatorCpus, memoryMode);
    }

    /** The VF's PCI address (hostdev), the macvtap's host device (direct), else the target (tap) device. */
    private static String interfaceDevice(Element iface) {
        String type = iface.getAttribute("type");
        Element source = child(iface, "source");
        if ("hostdev".equals(type) && source != null) {
            Element address = child(source, "address");
            if (address != null) {
                return String.format(Locale.ROOT, "%04x:%02x:%02x.%x",
                        hex(address.getAttribute("domain")), hex(address.getAttribute("bus")),
                        hex(address.getAttribute("slot")), hex(address.getAttribute("function")));
            }
        }
        if ("direct".equals(type) && source != null && source.hasAttribute("dev")) {
            return source.getAttribute("dev");
        }
        Element target = child(iface, "target");
        return target != null && target.hasAttribute("dev") ? target.getAttribute("dev") : null;
    }

    private static int hex(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return v.isEmpty() ? 0 : Integer.parseInt(v.startsWith("0x") ? v.substring(2) : v, 16);
    }

    private static long toKib(String size, String unit) {
        long value = Long.parseLong(size.trim());
        String u = unit == null || unit.isBlank() ? "KiB" : unit.trim();
        return switch (u.toLowerCase(Locale.ROOT)) {
            case "b", "bytes" -> value / 1024;
            case "k", "kib" -> value;
            case "kb" -> value * 1000 / 1024;
            case "m", "mib" -> value * 1024;
            case "mb" -> value * 1000 * 1000 / 1024;
            case "g", "gib" -> value * 1024 * 1024;
            case "gb" -> value * 1000 * 1000 * 1000 / 1024;
            default -> throw new IllegalArgumentException("unknown hugepage size unit '" + unit + "'");
        };
    }

    private static Document parseDocument(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("unreadable domain XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node node = nodes.item(i);
            if (node instanceof Element e && e.getTagName().equals(name)) {
                result.add(e);
            }
        }
        return result;
    }
}
