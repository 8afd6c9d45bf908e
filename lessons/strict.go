package lessons

import (
	"fmt"
	"reflect"
	"strings"

	"go.yaml.in/yaml/v3"
)

// strictKeys reports the first mapping key in n that has no field in the
// type t (by yaml tag), walking into nested structs and lists. A custom
// UnmarshalYAML decodes with node.Decode, which does not inherit the
// decoder's KnownFields, so the lesson types check themselves with this.
func strictKeys(n *yaml.Node, t reflect.Type) error {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	switch {
	case n.Kind == yaml.AliasNode && n.Alias != nil:
		return strictKeys(n.Alias, t)
	case t.Kind() == reflect.Struct && n.Kind == yaml.MappingNode:
		fields := yamlFields(t)
		for i := 0; i+1 < len(n.Content); i += 2 {
			key, val := n.Content[i], n.Content[i+1]
			ft, ok := fields[key.Value]
			if !ok {
				return fmt.Errorf("line %d: field %s not found in %s", key.Line, key.Value, typeName(t))
			}
			if err := strictKeys(val, ft); err != nil {
				return err
			}
		}
	case t.Kind() == reflect.Slice && n.Kind == yaml.SequenceNode:
		for _, item := range n.Content {
			if err := strictKeys(item, t.Elem()); err != nil {
				return err
			}
		}
	}
	return nil
}

// yamlFields maps the yaml keys of a struct to their field types.
func yamlFields(t reflect.Type) map[string]reflect.Type {
	out := map[string]reflect.Type{}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if name == "-" || !f.IsExported() {
			continue
		}
		if name == "" {
			name = strings.ToLower(f.Name)
		}
		out[name] = f.Type
	}
	return out
}

func typeName(t reflect.Type) string {
	switch {
	case t.ConvertibleTo(reflect.TypeOf(Text{})):
		return "a note (only en and zh)"
	case t.ConvertibleTo(reflect.TypeOf(Step{})):
		return "a step"
	case t.ConvertibleTo(reflect.TypeOf(Part{})):
		return "a part"
	}
	return strings.ToLower(t.Name())
}
