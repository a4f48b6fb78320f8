package com.fanops.template;

/**
 * What a deployment calls each resource: {@code !Ref} and {@code !GetAtt} answers. AWS answers these in
 * CloudFormation; the local runtime answers them with local names (see {@link LocalNames}).
 */
public interface Names {
    String ref(Resource resource);

    String getAtt(Resource resource, String attribute);
}
