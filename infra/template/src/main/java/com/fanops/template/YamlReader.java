package com.fanops.template;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads CloudFormation YAML: short-form tags ({@code !Ref}, {@code !Sub}, ...) and long forms become {@link Intrinsic}. */
final class YamlReader {

    private YamlReader() {
    }

    static Map<String, Object> read(Path file) {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(10 * 1024 * 1024);
        Yaml yaml = new Yaml(new CfnConstructor(options));
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            Object doc = yaml.load(reader);
            if (!(doc instanceof Map<?, ?> map)) {
                throw new TemplateException(file + " is not a YAML mapping");
            }
            @SuppressWarnings("unchecked")
            Map<String, Object> root = (Map<String, Object>) normalise(map);
            return root;
        } catch (IOException e) {
            throw new TemplateException("cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Turns the long forms ({Ref: X}, {Fn::GetAtt: [...]}) into Intrinsic, recursively. */
    static Object normalise(Object value) {
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1) {
                Object key = map.keySet().iterator().next();
                if (key instanceof String name && Intrinsic.FUNCTIONS.contains(name)) {
                    return new Intrinsic(name, normalise(map.get(key)));
                }
            }
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), normalise(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(YamlReader::normalise).toList();
        }
        if (value instanceof Intrinsic intrinsic) {
            return new Intrinsic(intrinsic.function(), normalise(intrinsic.argument()));
        }
        return value;
    }

    private static final class CfnConstructor extends SafeConstructor {
        CfnConstructor(LoaderOptions options) {
            super(options);
            for (String fn : Intrinsic.FUNCTIONS) {
                String shortName = fn.startsWith("Fn::") ? fn.substring(4) : fn;
                this.yamlConstructors.put(new Tag("!" + shortName), new IntrinsicConstruct(fn));
            }
        }

        private final class IntrinsicConstruct extends AbstractConstruct {
            private final String function;

            IntrinsicConstruct(String function) {
                this.function = function;
            }

            @Override
            public Object construct(Node node) {
                Object argument;
                if (node instanceof ScalarNode scalar) {
                    argument = constructScalar(scalar);
                } else if (node instanceof SequenceNode sequence) {
                    argument = constructSequence(sequence);
                } else {
                    argument = constructMapping((MappingNode) node);
                }
                return new Intrinsic(function, argument);
            }
        }
    }
}
