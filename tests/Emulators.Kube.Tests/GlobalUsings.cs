global using k8s;
