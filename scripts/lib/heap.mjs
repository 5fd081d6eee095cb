// A binary min-heap of (time, value) pairs in two parallel arrays: the event queue.

export class MinHeap {
	constructor() {
		this.keys = [];
		this.values = [];
	}

	get size() {
		return this.keys.length;
	}

	topKey() {
		return this.keys[0];
	}

	push(key, value) {
		const k = this.keys;
		const v = this.values;
		let i = k.length;
		k.push(key);
		v.push(value);
		while (i > 0) {
			const parent = (i - 1) >> 1;
			if (k[parent] <= key) break;
			k[i] = k[parent];
			v[i] = v[parent];
			i = parent;
		}
		k[i] = key;
		v[i] = value;
	}

	/** Removes the smallest entry and returns its value. */
	popValue() {
		const k = this.keys;
		const v = this.values;
		const top = v[0];
		const lastKey = k.pop();
		const lastValue = v.pop();
		const n = k.length;
		if (n === 0) return top;
		let i = 0;
		for (;;) {
			let child = 2 * i + 1;
			if (child >= n) break;
			if (child + 1 < n && k[child + 1] < k[child]) child++;
			if (k[child] >= lastKey) break;
			k[i] = k[child];
			v[i] = v[child];
			i = child;
		}
		k[i] = lastKey;
		v[i] = lastValue;
		return top;
	}
}
