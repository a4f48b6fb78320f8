package com.fanops.testing.arch;

import com.tngtech.archunit.core.domain.JavaClass;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The string constants of a compiled class, read from its constant pool. ArchUnit models dependencies and calls but not
 * literals, and the JDK's class-file API needs Java 22, so this reads the pool itself (JVMS 4.4, a few dozen lines).
 */
final class ClassConstants {

    private ClassConstants() {
    }

    static List<String> strings(JavaClass javaClass) {
        String resource = javaClass.getName().replace('.', '/') + ".class";
        try (InputStream in = javaClass.reflect().getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                return List.of();
            }
            return strings(new DataInputStream(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<String> strings(DataInputStream in) throws IOException {
        in.readInt(); // magic
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        String[] utf8 = new String[count];
        List<Integer> stringRefs = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            switch (tag) {
                case 1 -> utf8[i] = in.readUTF();
                case 8 -> stringRefs.add(in.readUnsignedShort()); // CONSTANT_String -> its Utf8
                case 7, 16, 19, 20 -> in.readUnsignedShort(); // Class, MethodType, Module, Package
                case 15 -> { in.readUnsignedByte(); in.readUnsignedShort(); } // MethodHandle
                case 3, 4, 9, 10, 11, 12, 17, 18 -> in.readInt(); // Integer, Float, refs, NameAndType, Dynamic
                case 5, 6 -> { in.readLong(); i++; } // Long, Double take two slots
                default -> throw new IOException("unknown constant pool tag " + tag);
            }
        }
        List<String> out = new ArrayList<>();
        for (int ref : stringRefs) {
            out.add(utf8[ref]);
        }
        return out;
    }
}
